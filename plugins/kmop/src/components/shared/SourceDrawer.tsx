import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { KmopItemBase } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import useAsync from 'react-use/esm/useAsync';
import { kmopApiRef } from '../../api';
import { describeSource } from './describeSource';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 'min(760px, 100vw)',
    padding: theme.spacing(2, 3),
  },
}));

/** The YAML of an item's source object, read only when the drawer opens. */
export function SourceDrawer(props: {
  entityRef: CompoundEntityRef;
  item?: KmopItemBase;
  onClose: () => void;
}) {
  const { entityRef, item, onClose } = props;
  const classes = useStyles();
  return (
    <Drawer
      anchor="right"
      open={Boolean(item)}
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      {item && (
        <Box role="dialog" aria-label={`Source of ${item.source.name}`}>
          <Box display="flex" alignItems="center" mb={1}>
            <Box flexGrow={1}>
              <Typography variant="h5" component="h2">
                {item.source.kind} {item.source.name}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {describeSource(item.source)}
              </Typography>
            </Box>
            <IconButton aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
          <SourceYaml entityRef={entityRef} itemId={item.id} />
        </Box>
      )}
    </Drawer>
  );
}

function SourceYaml(props: { entityRef: CompoundEntityRef; itemId: string }) {
  const { entityRef, itemId } = props;
  const kmopApi = useApi(kmopApiRef);
  const { value, loading, error } = useAsync(
    () => kmopApi.getSourceObject(entityRef, itemId),
    [kmopApi, entityRef, itemId],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <CodeSnippet
      text={value ?? ''}
      language="yaml"
      showCopyCodeButton
      showLineNumbers
    />
  );
}
