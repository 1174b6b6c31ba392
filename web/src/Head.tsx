// A data table's header row: one column heading each (a string is a phrase, in the editor's
// language), scoped for screen readers.

import type { ReactNode } from 'react';
import { t } from './i18n.ts';

export function Head({ cols }: { cols: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i} scope="col">
            {typeof c === 'string' ? t(c) : c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
