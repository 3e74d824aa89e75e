import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./CaseList'), 'CaseList'),
  show: lazyPage(() => import('./CaseShow'), 'CaseShow'),
  icon: ReportProblemIcon,
};
