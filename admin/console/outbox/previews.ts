/** The email previews: a page of their own beside the outbox. */
import PreviewIcon from '@mui/icons-material/Preview';
import { EmailPreviews } from './EmailPreviews';

export default { list: EmailPreviews, icon: PreviewIcon };
