import BusinessIcon from '@mui/icons-material/Business';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./CustomerOrgList'), 'CustomerOrgList'),
  edit: lazyPage(() => import('./CustomerOrgEdit'), 'CustomerOrgEdit'),
  show: lazyPage(() => import('./CustomerOrgShow'), 'CustomerOrgShow'),
  create: lazyPage(() => import('./CustomerOrgCreate'), 'CustomerOrgCreate'),
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
