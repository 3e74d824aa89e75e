/**
 * A link to a related record named in the API's nested objects (an order's partner org, a case's order):
 * to its edit page for whoever may edit it, else to its show page. No extra request: the name is at hand.
 */
import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { useCanAccess, useCreatePath } from 'react-admin';

interface RecordLinkProps {
  resource: string;
  id: string | null | undefined;
  children: React.ReactNode;
}

export function RecordLink({ resource, id, children }: RecordLinkProps) {
  const createPath = useCreatePath();
  const { canAccess: canEdit } = useCanAccess({ resource, action: 'edit' });
  const { canAccess: canShow } = useCanAccess({ resource, action: 'show' });
  if (!id) return null;
  if (!canEdit && !canShow) return <>{children}</>;
  return (
    <Link
      component={RouterLink}
      to={createPath({ resource, id, type: canEdit ? 'edit' : 'show' })}
      onClick={(event) => event.stopPropagation()}
    >
      {children}
    </Link>
  );
}
