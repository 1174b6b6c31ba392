// `{name}` placeholders in house-style templates; `{{` stands for a literal brace.

export function fill(template: string, vars: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{|\{(\w+)\}/g, (whole, name: string | undefined) => {
    if (name === undefined) return '{';
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}
