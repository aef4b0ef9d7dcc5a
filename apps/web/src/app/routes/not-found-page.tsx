import { ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      title="Page not found"
      headingLevel={1}
      action={
        <ButtonLink to="/" variant="primary">
          Back to events
        </ButtonLink>
      }
    >
      There is nothing at this address.
    </EmptyState>
  );
}
