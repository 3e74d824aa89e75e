/**
 * Runs one business action on a record (extend a trial, resolve a case, cancel an order) through the data
 * provider's update, pessimistically: nothing looks done until the server has said yes. A refusal comes back
 * as form errors (for ActionForm) and as a notification in the server's words.
 */
import { useDataProvider, useNotify, useUpdate, type RaRecord } from 'react-admin';
import { refusalErrors, type FormErrors } from '../dataProvider/refusal';

export function useAction(resource: string, action: string) {
  const dataProvider = useDataProvider();
  // The action travels in `meta` to the data provider only: react-admin keys its cache of the record by the
  // update's meta, so useUpdate itself sees none and refreshes the record the page shows.
  const [update, { isPending }] = useUpdate(resource, undefined, {
    mutationFn: async ({ id, data, previousData }) =>
      (await dataProvider.update(resource, { id: id!, data: data ?? {}, previousData, meta: { action } })).data,
  });
  const notify = useNotify();

  /** Resolves to undefined when done, or to the form errors of a refusal. */
  async function run(record: RaRecord, data: Record<string, unknown> = {}): Promise<FormErrors | undefined> {
    try {
      await update(
        resource,
        { id: record.id, data: { version: record.version, ...data }, previousData: record },
        { mutationMode: 'pessimistic', returnPromise: true },
      );
      notify(`console.done.${action}`, { type: 'success' });
      return undefined;
    } catch (failure) {
      // The server's own words, already in the console's language: shown as they are, not as a message key.
      const message = failure instanceof Error ? failure.message : '';
      notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
      return refusalErrors(failure) ?? {};
    }
  }

  return { run, isPending };
}
