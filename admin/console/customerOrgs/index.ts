import BusinessIcon from '@mui/icons-material/Business';
import { CustomerOrgCreate } from './CustomerOrgCreate';
import { CustomerOrgEdit } from './CustomerOrgEdit';
import { CustomerOrgList } from './CustomerOrgList';
import { CustomerOrgShow } from './CustomerOrgShow';

export default {
  list: CustomerOrgList,
  edit: CustomerOrgEdit,
  show: CustomerOrgShow,
  create: CustomerOrgCreate,
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
