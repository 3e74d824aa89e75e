import HandshakeIcon from '@mui/icons-material/Handshake';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./PartnerOrgList'), 'PartnerOrgList'),
  edit: lazyPage(() => import('./PartnerOrgEdit'), 'PartnerOrgEdit'),
  show: lazyPage(() => import('./PartnerOrgShow'), 'PartnerOrgShow'),
  icon: HandshakeIcon,
  recordRepresentation: 'name',
};
