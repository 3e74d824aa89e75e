/**
 * A resource's page (list, show, edit, create) as a chunk of its own, fetched the first time someone opens it:
 * the dashboard then loads react-admin, the layout and its cards only, not every list, form and page behind the menu.
 * react-admin's layout shows its spinner while the chunk loads.
 */
import { lazy, type ComponentType } from 'react';

export function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
