import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { TimeZonePicker } from '../../../components/ui/time-zone-picker';
import { zoneName } from '../../../lib/time-zones';
import { browserTimeZone } from '../../../lib/zoned-time';
import styles from './mail-settings.module.css';

type TimeZoneSettingProps = { timezone: string | null; onSave: (timezone: string) => void };

/**
 * The zone the user's mails and notices give times in, saved when chosen. Before one is set the
 * browser's zone is suggested, and saved only when the user accepts it.
 */
export function TimeZoneSetting({ timezone, onSave }: TimeZoneSettingProps) {
  const suggested = browserTimeZone();
  // A zone saved under an old spelling, or one this browser does not know, still shows as chosen.
  const value = timezone ?? suggested;

  const hint =
    timezone === null
      ? `Not set yet: mails give times in each event’s zone and in UTC. ${zoneName(suggested)} is this device’s zone.`
      : 'Mails and notices give times in this zone, beside the event’s own.';
  return (
    <div className={styles.zone}>
      <Field label="Your time zone" hint={hint}>
        {(props) => <TimeZonePicker {...props} value={value} onChange={onSave} />}
      </Field>
      {timezone === null && (
        <div>
          <Button size="small" onClick={() => onSave(suggested)}>
            {`Use ${zoneName(suggested)}`}
          </Button>
        </div>
      )}
    </div>
  );
}
