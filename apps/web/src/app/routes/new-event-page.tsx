import { Link, Navigate, useNavigate } from 'react-router';
import { ButtonLink } from '../../components/ui/button';
import { useViewer } from '../../features/auth/api/get-me';
import { useCreateEvent } from '../../features/events/api/create-event';
import { EventForm } from '../../features/events/components/event-form';
import { emptyEventValues } from '../../features/events/components/event-form-values';
import { showToast } from '../../lib/toasts';
import { useDocumentTitle } from '../../lib/use-document-title';
import page from './page.module.css';

export function NewEventPage() {
  useDocumentTitle('New event');
  const viewer = useViewer();
  const create = useCreateEvent();
  const navigate = useNavigate();
  if (viewer && viewer.role !== 'organizer') return <Navigate to="/" replace />;
  return (
    <div className={page.narrow}>
      <Link to="/" className={page.back}>
        ← Your events
      </Link>
      <div className={page.header}>
        <h1 className={page.title}>New event</h1>
      </div>
      <EventForm
        initialValues={emptyEventValues()}
        submitLabel="Create event"
        secondaryAction={
          <ButtonLink to="/" variant="ghost">
            Cancel
          </ButtonLink>
        }
        onSubmit={async (data) => {
          const event = await create.mutateAsync(data);
          showToast({ title: 'Event published', body: event.title });
          await navigate(`/events/${event.id}`);
        }}
      />
    </div>
  );
}
