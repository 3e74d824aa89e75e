import KeyIcon from '@mui/icons-material/Key';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./ApiKeyList'), 'ApiKeyList'),
  create: lazyPage(() => import('./ApiKeyCreate'), 'ApiKeyCreate'),
  icon: KeyIcon,
  recordRepresentation: 'name',
};
