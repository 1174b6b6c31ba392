// A button that opens a file and hands it over: what the CSV and OPML imports share. The input is
// emptied after each pick, so picking the same file again imports it again.

export function FileButton({ label, accept, onFile }: { label: string; accept: string; onFile: (file: File) => void }) {
  return (
    <label className="button">
      {label}{' '}
      <input
        type="file"
        accept={accept}
        hidden
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
