// A data table's header row: one column heading each, scoped for screen readers.

import type { ReactNode } from 'react';

export function Head({ cols }: { cols: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
