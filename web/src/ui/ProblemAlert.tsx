import { Alert, Button } from 'design-react-kit';
import type { ApiError } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import { problemMessage } from './problem.ts';

interface Props {
  error: ApiError;
  /** Heading of the alert; defaults to a generic "something went wrong". */
  title?: string;
  onRetry?: () => void;
  testId?: string;
}

/** An error alert showing the problem `detail` from the server (announced by screen readers). */
export function ProblemAlert({ error, title, onRetry, testId }: Props) {
  const t = useT();
  return (
    <Alert color="danger" fade={false} testId={testId ?? 'problem-alert'} role="alert">
      <p className="fw-semibold mb-1">{title ?? error.problem.title ?? t('common.errorTitle')}</p>
      <p className="mb-0">{problemMessage(error, t)}</p>
      {onRetry && (
        <Button color="danger" outline size="sm" className="mt-2" type="button" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
