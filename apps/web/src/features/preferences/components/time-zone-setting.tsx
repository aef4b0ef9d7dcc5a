import { useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { browserTimeZone, timeZoneNames } from '../../../lib/zoned-time';
import styles from './mail-settings.module.css';

type TimeZoneSettingProps = { timezone: string | null; onSave: (timezone: string) => void };

/**
 * The zone the user's mails and notices give times in, saved when chosen. Before one is set the
 * browser's zone is suggested, and saved only when the user accepts it.
 */
export function TimeZoneSetting({ timezone, onSave }: TimeZoneSettingProps) {
  const suggested = browserTimeZone();
  const value = timezone ?? suggested;
  const zones = useMemo(() => {
    const names = timeZoneNames();
    // A zone saved elsewhere that this browser does not know is still shown as chosen.
    return names.includes(value) ? names : [value, ...names];
  }, [value]);

  const hint =
    timezone === null
      ? `Not set yet: mails give times in each event’s zone and in UTC. ${suggested.replaceAll('_', ' ')} is this device’s zone.`
      : 'Mails and notices give times in this zone, beside the event’s own.';
  return (
    <div className={styles.zone}>
      <Field label="Your time zone" hint={hint}>
        {(props) => (
          <select {...props} value={value} onChange={(event) => onSave(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      {timezone === null && (
        <div>
          <Button size="small" onClick={() => onSave(suggested)}>
            {`Use ${suggested.replaceAll('_', ' ')}`}
          </Button>
        </div>
      )}
    </div>
  );
}
