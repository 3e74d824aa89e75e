/** The email previews: a page of their own beside the outbox. */
import PreviewIcon from '@mui/icons-material/Preview';
import { lazyPage } from '../common/lazyPage';

export default { list: lazyPage(() => import('./EmailPreviews'), 'EmailPreviews'), icon: PreviewIcon };
