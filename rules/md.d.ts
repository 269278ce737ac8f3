/** Rule doc pages are imported as text (esbuild's text loader, and a vitest plugin). */
declare module '*.md' {
  const text: string;
  export default text;
}
