import { EVENT_LOCATION_MAX, EVENT_ONLINE_URL_MAX, type LocationType } from '@turnout/contracts';
import { Field } from '../../../components/ui/field';
import { Segmented } from '../../../components/ui/segmented';
import type { FormErrors } from '../../../lib/form-errors';
import styles from './event-form.module.css';
import type { EventFormValues } from './event-form-values';

const LOCATION_TYPES: readonly { value: LocationType; label: string }[] = [
  { value: 'venue', label: 'In person' },
  { value: 'online', label: 'Online' },
];

type Place = Pick<EventFormValues, 'locationType' | 'location' | 'onlineUrl'>;

type LocationFieldsProps = {
  values: Place;
  errors: FormErrors;
  onChange: (change: Partial<Place>) => void;
};

/**
 * Where the event happens: in person at a place (empty while it is to be announced), or online
 * with a join link that only the organizer and joined attendees see, and an optional label.
 */
export function LocationFields({ values, errors, onChange }: LocationFieldsProps) {
  const online = values.locationType === 'online';
  return (
    <fieldset className={styles.place}>
      <legend className={styles.legend}>Where</legend>
      <Segmented
        legend="In person or online"
        value={values.locationType}
        options={LOCATION_TYPES}
        onChange={(locationType) => onChange({ locationType })}
      />
      {online ? (
        <div className={styles.row}>
          <Field
            label="Join link"
            error={errors.onlineUrl}
            hint="Only you and the people who joined see it. Leave empty until you have it."
          >
            {(props) => (
              <input
                {...props}
                type="url"
                inputMode="url"
                placeholder="https://…"
                maxLength={EVENT_ONLINE_URL_MAX}
                value={values.onlineUrl}
                onChange={(event) => onChange({ onlineUrl: event.target.value })}
              />
            )}
          </Field>
          <Field label="Label" error={errors.location} hint="Optional, e.g. Zoom. Everyone sees it.">
            {(props) => (
              <input
                {...props}
                maxLength={EVENT_LOCATION_MAX}
                value={values.location}
                onChange={(event) => onChange({ location: event.target.value })}
              />
            )}
          </Field>
        </div>
      ) : (
        <Field label="Location" error={errors.location} hint="An address or a venue. Leave empty if the place is to be announced.">
          {(props) => (
            <input
              {...props}
              maxLength={EVENT_LOCATION_MAX}
              value={values.location}
              onChange={(event) => onChange({ location: event.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
