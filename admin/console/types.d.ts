/** ra-language-bulgarian ships no type declarations: it is react-admin's message tree. */
declare module 'ra-language-bulgarian' {
  import type { TranslationMessages } from 'react-admin';
  const messages: TranslationMessages;
  export default messages;
}
