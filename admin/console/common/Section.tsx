/** A titled part of a record's page (links, emails, the trial, the audit trail). */
import { Card, CardContent, Typography } from '@mui/material';
import { useId, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  const headingId = useId();
  // Named by its heading, so that assistive technology lists it among the page's regions.
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} sx={{ m: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId} gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
