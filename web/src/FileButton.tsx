// A button that opens a file and hands it over: what the CSV and OPML imports share. The input is
// emptied after each pick, so picking the same file again imports it again.

export function FileButton({ label, accept, onFile, multiple = false }: { label: string; accept: string; onFile: (file: File) => void; multiple?: boolean }) {
  return (
    <label className="button">
      {label}{' '}
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        aria-label={label}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          for (const file of files) onFile(file);
        }}
      />
    </label>
  );
}
