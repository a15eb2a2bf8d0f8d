// Tag display: only simple colour values are used, so a tag colour can't smuggle in other CSS.

export function tagColor(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  const c = color.trim();
  return /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\))$/i.test(c) ? c : undefined;
}
