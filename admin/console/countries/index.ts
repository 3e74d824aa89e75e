import PublicIcon from '@mui/icons-material/Public';
import { createElement } from 'react';
import { lazyPage } from '../common/lazyPage';
import { CountryField } from './CountryField';

export default {
  list: lazyPage(() => import('./CountryList'), 'CountryList'),
  edit: lazyPage(() => import('./CountryEdit'), 'CountryEdit'),
  icon: PublicIcon,
  // A country's page is titled by its name in the console's language.
  recordRepresentation: createElement(CountryField, { source: 'code' }),
};
