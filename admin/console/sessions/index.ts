import TimelineIcon from '@mui/icons-material/Timeline';
import { SessionList } from './SessionList';
import { SessionShow } from './SessionShow';

export default { list: SessionList, show: SessionShow, icon: TimelineIcon };
