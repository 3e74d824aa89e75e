import PublicIcon from '@mui/icons-material/Public';
import { createElement } from 'react';
import { CountryEdit } from './CountryEdit';
import { CountryField } from './CountryField';
import { CountryList } from './CountryList';

export default {
  list: CountryList,
  edit: CountryEdit,
  icon: PublicIcon,
  // A country's page is titled by its name in the console's language.
  recordRepresentation: createElement(CountryField, { source: 'code' }),
};
