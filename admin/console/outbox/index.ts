import OutboxIcon from '@mui/icons-material/Outbox';
import { lazyPage } from '../common/lazyPage';

export default { list: lazyPage(() => import('./OutboxList'), 'OutboxList'), icon: OutboxIcon };
