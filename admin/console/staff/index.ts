import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../common/lazyPage';
import { staffRepresentation } from './name';

export default {
  list: lazyPage(() => import('./StaffList'), 'StaffList'),
  create: lazyPage(() => import('./StaffCreate'), 'StaffCreate'),
  edit: lazyPage(() => import('./StaffEdit'), 'StaffEdit'),
  icon: PeopleIcon,
  recordRepresentation: staffRepresentation,
};
