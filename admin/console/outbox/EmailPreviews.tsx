/** Staff read each email before anyone gets it: the kind chosen above, in English and in Bulgarian, HTML and text. */
import { Box, Typography } from '@mui/material';
import { List, SelectInput, useListContext, useTranslate } from 'react-admin';
import { choices } from '../common/enums';
import { Section } from '../common/Section';

const filters = [<SelectInput key="kind" source="kind" choices={choices('EmailKind')} alwaysOn />];

interface Preview {
  id: string;
  language: 'en' | 'bg';
  subject: string;
  text: string;
  html: string;
}

export function EmailPreviews() {
  return (
    <List filters={filters} filterDefaultValues={{ kind: 'SETUP_LINK' }} exporter={false} pagination={false}>
      <Previews />
    </List>
  );
}

function Previews() {
  const translate = useTranslate();
  const { data } = useListContext<Preview>();
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('console.emailPreviews.intro')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        {data?.map((preview) => (
          <Section key={preview.id} title={`console.enum.Language.${preview.language}`}>
            <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 'bold' }} lang={preview.language}>
              {preview.subject}
            </Typography>
            <Typography component="h4" variant="overline">
              {translate('console.emailPreviews.html')}
            </Typography>
            {/* sandbox with no permission: the email runs no script, submits nothing and navigates nowhere. */}
            <Box
              component="iframe"
              sandbox=""
              srcDoc={preview.html}
              title={`${translate('console.emailPreviews.html')}: ${translate(`console.enum.Language.${preview.language}`)}`}
              sx={{ width: '100%', height: 720, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
            />
            <Typography component="h4" variant="overline">
              {translate('console.emailPreviews.text')}
            </Typography>
            <Box
              component="pre"
              lang={preview.language}
              sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 13, m: 0, p: 1, bgcolor: 'action.hover' }}
            >
              {preview.text}
            </Box>
          </Section>
        ))}
      </Box>
    </Box>
  );
}
