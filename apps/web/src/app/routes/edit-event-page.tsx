import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { Skeleton } from '../../components/ui/skeleton';
import { useViewer } from '../../features/auth/api/get-me';
import { useEvent, useEventDeleted } from '../../features/events/api/get-event';
import { useUpdateEvent } from '../../features/events/api/update-event';
import { EventForm } from '../../features/events/components/event-form';
import { changesFrom, valuesFromEvent } from '../../features/events/components/event-form-values';
import { errorMessage } from '../../lib/api-client';
import { showToast } from '../../lib/toasts';
import { useDocumentTitle } from '../../lib/use-document-title';
import page from './page.module.css';

export function EditEventPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const event = useEvent(id);
  const deleted = useEventDeleted(id);
  const update = useUpdateEvent();
  const navigate = useNavigate();
  // The form edits the version it was opened on; "Load latest version" re-bases it after a conflict,
  // keeping the organizer's own edits (the form's useRebase).
  const [base, setBase] = useState(event.data);
  if (!base && event.data) setBase(event.data);
  useDocumentTitle(event.data ? `Edit ${event.data.title}` : 'Edit event');

  if (deleted)
    return <EmptyState title="This event was deleted" headingLevel={1} action={<ButtonLink to="/">Back to your events</ButtonLink>} />;
  if (event.isError)
    return (
      <EmptyState title="Event not available" headingLevel={1}>
        {errorMessage(event.error)}
      </EmptyState>
    );
  const current = base ?? event.data;
  if (!current) {
    return (
      <div className={page.narrow} aria-busy="true">
        <Skeleton height="30rem" />
      </div>
    );
  }
  if (viewer && current.organizerId !== viewer.id) {
    return (
      <EmptyState
        title="Only the organizer can edit this event"
        headingLevel={1}
        action={<ButtonLink to={`/events/${id}`}>View the event</ButtonLink>}
      />
    );
  }

  return (
    <div className={page.narrow}>
      <Link to={`/events/${id}`} className={page.back}>
        ← {current.title}
      </Link>
      <div className={page.header}>
        <h1 className={page.title}>Edit event</h1>
      </div>
      <EventForm
        key={id}
        initialValues={valuesFromEvent(current)}
        submitLabel="Save changes"
        secondaryAction={
          <ButtonLink to={`/events/${id}`} variant="ghost">
            Cancel
          </ButtonLink>
        }
        onLoadLatest={async () => {
          const fresh = await event.refetch();
          if (fresh.isError) throw fresh.error;
          if (!fresh.data) return undefined;
          setBase(fresh.data);
          return valuesFromEvent(fresh.data);
        }}
        onSubmit={async (data) => {
          await update.mutateAsync({ id, base: current, changes: changesFrom(current, data) });
          showToast({ title: 'Changes saved', body: data.title });
          await navigate(`/events/${id}`);
        }}
      />
    </div>
  );
}
