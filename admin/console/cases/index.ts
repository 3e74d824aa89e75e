import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';

export default { list: CaseList, show: CaseShow, icon: ReportProblemIcon };
