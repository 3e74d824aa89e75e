/**
 * Where a click on a record leads: its edit page for whoever may correct it (a representative fixing an org
 * wants the form, not one click more), else its show page; react-admin's own default prefers the show page.
 */
import { useCanAccess } from 'react-admin';

export function useRecordPage(resource: string, hasShow = true): 'edit' | 'show' | false {
  const { canAccess: canEdit } = useCanAccess({ resource, action: 'edit' });
  if (canEdit) return 'edit';
  return hasShow ? 'show' : false;
}
