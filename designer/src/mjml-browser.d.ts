/** mjml-browser is the browser build of mjml, with the same API (typed by @types/mjml). */
declare module 'mjml-browser' {
  const mjml2html: typeof import('mjml');
  export default mjml2html;
}
