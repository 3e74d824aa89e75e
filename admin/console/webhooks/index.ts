import WebhookIcon from '@mui/icons-material/Webhook';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./WebhookList'), 'WebhookList'),
  show: lazyPage(() => import('./WebhookShow'), 'WebhookShow'),
  create: lazyPage(() => import('./WebhookCreate'), 'WebhookCreate'),
  edit: lazyPage(() => import('./WebhookEdit'), 'WebhookEdit'),
  icon: WebhookIcon,
  recordRepresentation: 'url',
};
