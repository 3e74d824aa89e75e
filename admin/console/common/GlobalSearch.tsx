/**
 * The app bar's search: an order by its subscription id or its provisioning contact's email, a customer or
 * partner org by its name or its administrator's email. Each result opens its record. It asks the lists' own
 * search filters (OrderFilter, CustomerOrgFilter and PartnerOrgFilter `search`), five of each, once the typing
 * pauses; a combobox, so the arrows move through the results and Enter opens one. On a phone the bar has room
 * for a button only: it opens the search full-screen.
 */
import CloseIcon from '@mui/icons-material/Close';
import SearchIcon from '@mui/icons-material/Search';
import {
  Autocomplete,
  Box,
  Dialog,
  DialogContent,
  DialogTitle,
  IconButton,
  InputAdornment,
  ListSubheader,
  TextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { useCanAccess, useCreatePath, useGetList, useTranslate, type RaRecord } from 'react-admin';
import { useNavigate } from 'react-router';

/** The search starts at this many characters: fewer match too much to help. */
const MIN_LENGTH = 3;
const PER_RESOURCE = 5;
const PAUSE_MS = 300;

type Searched = 'orders' | 'customerOrgs' | 'partnerOrgs';

interface Hit {
  resource: Searched;
  id: RaRecord['id'];
  primary: string;
  secondary: string;
}

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

function useHits(resource: Searched, term: string, describe: (record: RaRecord) => Omit<Hit, 'resource' | 'id'>) {
  const { canAccess } = useCanAccess({ resource, action: 'list' });
  const enabled = Boolean(canAccess) && term.length >= MIN_LENGTH;
  const { data, isFetching } = useGetList(
    resource,
    { filter: { q: term }, pagination: { page: 1, perPage: PER_RESOURCE }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled },
  );
  const hits: Hit[] = enabled ? (data ?? []).map((record) => ({ resource, id: record.id, ...describe(record) })) : [];
  return { hits, isFetching: enabled && isFetching };
}

function SearchBox({ autoFocus = false, onOpened }: { autoFocus?: boolean; onOpened?: () => void }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [input, setInput] = useState('');
  const term = useSettled(input.trim());
  const orders = useHits('orders', term, (order) => ({
    primary: String(order.subscriptionId),
    secondary: String(order.provisioningContactEmail ?? ''),
  }));
  const customerOrgs = useHits('customerOrgs', term, (org) => ({ primary: String(org.name), secondary: String(org.adminEmail ?? '') }));
  const partnerOrgs = useHits('partnerOrgs', term, (org) => ({ primary: String(org.name), secondary: String(org.adminEmail ?? '') }));
  const listId = useId();
  const options = [...orders.hits, ...customerOrgs.hits, ...partnerOrgs.hits];
  const loading = orders.isFetching || customerOrgs.isFetching || partnerOrgs.isFetching || input.trim() !== term;
  return (
    <Autocomplete<Hit, false, false, false>
      options={options}
      // The server has filtered already; the options are what it found.
      filterOptions={(found) => found}
      groupBy={(hit) => translate(`resources.${hit.resource}.name`, { smart_count: 2 })}
      getOptionLabel={(hit) => hit.primary}
      getOptionKey={(hit) => `${hit.resource}:${hit.id}`}
      isOptionEqualToValue={(a, b) => a.resource === b.resource && a.id === b.id}
      value={null}
      inputValue={input}
      onInputChange={(_event, value, reason) => {
        if (reason !== 'reset') setInput(value);
      }}
      onChange={(_event, hit) => {
        if (!hit) return;
        setInput('');
        onOpened?.();
        navigate(createPath({ resource: hit.resource, id: hit.id, type: 'show' }));
      }}
      loading={term.length >= MIN_LENGTH && loading}
      loadingText={translate('ra.page.loading')}
      noOptionsText={input.trim().length < MIN_LENGTH ? translate('console.search.hint') : translate('console.search.none')}
      openOnFocus={false}
      autoHighlight
      sx={{ width: { xs: '100%', sm: 300 } }}
      // Each resource's results as an ARIA group named by its heading (MUI's own groups nest a list in a list item,
      // which leaves the options outside any listbox or group).
      renderGroup={({ key, group, children }) => (
        <li key={key} role="group" aria-labelledby={`${listId}-${key}`}>
          <ListSubheader id={`${listId}-${key}`} component="div" role="presentation">
            {group}
          </ListSubheader>
          <Box component="ul" role="presentation" sx={{ p: 0 }}>
            {children}
          </Box>
        </li>
      )}
      renderOption={({ key, ...props }, hit) => (
        <li key={key} {...props}>
          <Box sx={{ minWidth: 0 }}>
            <Typography sx={{ overflowWrap: 'anywhere' }}>{hit.primary}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {hit.secondary}
            </Typography>
          </Box>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          autoFocus={autoFocus}
          size="small"
          placeholder={translate('console.search.placeholder')}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'aria-label': translate('console.search.label') },
            input: {
              ...params.slotProps.input,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ bgcolor: 'background.paper', borderRadius: 1 }}
        />
      )}
    />
  );
}

export function GlobalSearch() {
  const translate = useTranslate();
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useState(false);
  const titleId = useId();
  if (!small) {
    return (
      <Box role="search" sx={{ mx: 1 }}>
        <SearchBox />
      </Box>
    );
  }
  return (
    <>
      <IconButton color="inherit" aria-label={translate('console.search.label')} onClick={() => setOpen(true)}>
        <SearchIcon />
      </IconButton>
      <Dialog fullScreen open={open} onClose={() => setOpen(false)} aria-labelledby={titleId}>
        <DialogTitle id={titleId} sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          {translate('console.search.label')}
          <IconButton aria-label={translate('ra.action.close')} onClick={() => setOpen(false)}>
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent>
          <Box role="search" sx={{ pt: 1 }}>
            <SearchBox autoFocus onOpened={() => setOpen(false)} />
          </Box>
        </DialogContent>
      </Dialog>
    </>
  );
}
