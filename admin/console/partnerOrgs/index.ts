import HandshakeIcon from '@mui/icons-material/Handshake';
import { PartnerOrgEdit } from './PartnerOrgEdit';
import { PartnerOrgList } from './PartnerOrgList';
import { PartnerOrgShow } from './PartnerOrgShow';

export default { list: PartnerOrgList, edit: PartnerOrgEdit, show: PartnerOrgShow, icon: HandshakeIcon, recordRepresentation: 'name' };
