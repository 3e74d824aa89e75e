import TimelineIcon from '@mui/icons-material/Timeline';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./SessionList'), 'SessionList'),
  show: lazyPage(() => import('./SessionShow'), 'SessionShow'),
  icon: TimelineIcon,
};
