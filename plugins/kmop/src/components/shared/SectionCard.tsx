import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A section of the page or a card: its items, or a sentence saying how to get some. */
export function SectionCard(props: {
  title: string;
  /** Shown when there are no items. */
  empty: ReactNode;
  count: number;
  children?: ReactNode;
}) {
  const { title, empty, count, children } = props;
  return (
    <InfoCard title={title} subheader={countLabel(count)}>
      {count === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        children
      )}
    </InfoCard>
  );
}

function countLabel(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}
