/**
 * A list that fits the screen, as react-admin's demo does it: a SimpleList (one line of who or what, one of
 * details) on a phone, a DataTable from the tablet up. Its rows are reached with Tab and opened with Enter, with
 * a visible focus ring; on a phone each row is already a link.
 */
import { Box, Card, type CardProps, type Theme, useMediaQuery } from '@mui/material';
import {
  type FocusEvent,
  forwardRef,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useRef,
} from 'react';
import {
  DataTable,
  DataTableBody,
  type DataTableBodyProps,
  type DataTableProps,
  DataTableRow,
  type DataTableRowProps,
  type RaRecord,
  SimpleList,
  type SimpleListProps,
  useDataTableCallbacksContext,
} from 'react-admin';

/** Below 600 px (MUI's sm): a phone held upright. */
export const useIsPhone = () => useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));

/** The focus ring of a row reached by keyboard (and of a phone list's row), in the theme's primary colour. */
export const focusRing = {
  '& .RaDataTable-row:focus-visible, & .MuiListItemButton-root:focus-visible': {
    outline: '3px solid',
    outlineColor: 'primary.main',
    outlineOffset: '-3px',
  },
};

/**
 * A table no wider than the page: wider, it scrolls sideways inside its own wrapper. The table's root is a grid
 * of one column that may shrink to nothing (minmax(0, 1fr)), so the table's width no longer widens the page
 * (react-admin's layout grows to fit its content); the wrapper scrolls, not the root, which would clip the bulk
 * actions' toolbar (drawn over the list's own toolbar, above the table).
 */
const tableInWidth = {
  '& .RaDataTable-root': { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' },
  '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
};

/**
 * A DataTable row a keyboard reaches (Tab) and opens (Enter or Space) when the table opens rows on click. Its
 * selection checkbox gets its name on the input itself: react-admin puts "Select this row" on the checkbox's outer
 * span, where a screen reader does not find it (axe: a form element without a label).
 */
const KeyboardRow = forwardRef<HTMLTableRowElement, DataTableRowProps>(function KeyboardRow(props, ref) {
  const { rowClick } = useDataTableCallbacksContext();
  const own = useRef<HTMLTableRowElement | null>(null);
  useLayoutEffect(() => {
    const box = own.current?.querySelector('.select-item[aria-label]');
    const input = box?.querySelector('input');
    if (box && input) {
      input.setAttribute('aria-label', box.getAttribute('aria-label')!);
      box.removeAttribute('aria-label');
    }
  });
  const refs = (row: HTMLTableRowElement | null) => {
    own.current = row;
    if (typeof ref === 'function') ref(row);
    else if (ref) ref.current = row;
  };
  if (!rowClick) return <DataTableRow ref={refs} {...props} />;
  const open = (event: KeyboardEvent<HTMLTableRowElement>) => {
    // Only the row itself: Enter on a link or a checkbox inside it does what that does.
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    event.currentTarget.click();
  };
  // A row wider than its scrolling wrapper is scrolled into view by its far end when focused: back to its start,
  // where the record's name is.
  const start = (event: FocusEvent<HTMLTableRowElement>) => {
    const wrapper = event.currentTarget.closest('.RaDataTable-tableWrapper');
    if (event.target === event.currentTarget && wrapper) wrapper.scrollLeft = 0;
  };
  return <DataTableRow ref={refs} tabIndex={0} onKeyDown={open} onFocus={start} {...props} />;
});

function KeyboardBody(props: DataTableBodyProps) {
  return <DataTableBody {...props} row={KeyboardRow} />;
}

export interface ResponsiveTableProps<R extends RaRecord = any> extends Omit<DataTableProps<R>, 'children'> {
  /** The DataTable's columns (tablet and up). */
  children: ReactNode;
  /** What a phone's list shows of each record. */
  phone: Pick<SimpleListProps<R>, 'primaryText' | 'secondaryText' | 'tertiaryText'>;
}

/**
 * A DataTable with keyboard-reachable rows (a wide one scrolls inside its own box), or
 * on a phone a SimpleList of the same records that opens them the same way.
 */
export function ResponsiveTable<R extends RaRecord = any>({ phone, children, rowClick, empty, ...table }: ResponsiveTableProps<R>) {
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <Box sx={focusRing}>
        <SimpleList<R>
          {...phone}
          rowClick={(rowClick ?? false) as SimpleListProps<R>['rowClick']}
          empty={empty as ReactElement | undefined}
          className="phone-list"
          sx={{
            '& .MuiListItemText-root': { overflowWrap: 'anywhere' },
            // The tertiary text (a date, a state) at the right of the primary, apart from it.
            '& .MuiListItemText-primary > div': { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', columnGap: 1 },
          }}
        />
      </Box>
    );
  }
  return (
    <Box sx={{ ...tableInWidth, ...focusRing }}>
      <DataTable<R> body={KeyboardBody} rowClick={rowClick} empty={empty} {...table}>
        {children}
      </DataTable>
    </Box>
  );
}

/**
 * A record's page on a phone: no wider than the screen (react-admin's layout otherwise grows to fit its widest
 * content, 8 px of padding each side), its facts stacking in one column, and a table of its links, emails or
 * sessions wider than that scrolling sideways inside its own box, so the page itself never does.
 */
export const stackOnPhone = {
  maxWidth: { xs: 'calc(100vw - 16px)', sm: 'none' },
  '& .RaShow-card, & .RaShow-main, & .MuiCardContent-root': { minWidth: 0 },
  ...tableInWidth,
  // Long words (an email address) break where they would overflow; break-word, not anywhere, which would also let
  // a table squeeze its columns down to one letter ("Sent" as "Se nt") at any width.
  '& .MuiTypography-root': { overflowWrap: 'break-word' },
};

/**
 * The card of a record's page (Show's `component`), whose tables' scrolling wrappers a keyboard can reach: each is
 * a focusable region named after its section's heading, so arrow keys scroll a table wider than a phone (axe:
 * scrollable-region-focusable). The tables come and go with the data: a MutationObserver marks new ones.
 */
export const ShowCard = forwardRef<HTMLDivElement, CardProps>(function ShowCard(props, ref) {
  const own = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const root = own.current;
    if (!root) return undefined;
    const mark = () => {
      for (const wrapper of root.querySelectorAll<HTMLElement>('.RaDataTable-tableWrapper:not([tabindex])')) {
        wrapper.tabIndex = 0;
        wrapper.setAttribute('role', 'region');
        const heading = wrapper.closest('section')?.querySelector('h2')?.textContent;
        if (heading) wrapper.setAttribute('aria-label', heading);
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  const refs = (card: HTMLDivElement | null) => {
    own.current = card;
    if (typeof ref === 'function') ref(card);
    else if (ref) ref.current = card;
  };
  return <Card ref={refs} {...props} />;
});
