/** ra-language-bulgarian ships no type declarations: it is react-admin's message tree. */
declare module 'ra-language-bulgarian' {
  const messages: Record<string, unknown>;
  export = messages;
}
