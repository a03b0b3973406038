// The weekly schedule: a row per day (Monday first), a toggle per hour. The settings keep seven 24-bit masks,
// Sunday first, bit h for the hour starting at h:00.
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** Days in the order shown, as indexes into the masks (0 = Sunday). */
const DAYS = [1, 2, 3, 4, 5, 6, 0];
/** 7 January 2024 was a Sunday: day d of the week is the 7th + d, named in the user's language. */
const dayName = (day: number): string => new Date(2024, 0, 7 + day).toLocaleDateString(undefined, { weekday: 'short' });
const hourName = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

export function WeekScheduleGrid({ week, onChange }: { week: number[]; onChange(week: number[]): void }) {
  const toggle = (day: number, hour: number) => onChange(week.map((mask, index) => (index === day ? mask ^ (1 << hour) : mask)));
  return (
    <div className="table-scroll">
      <table className="week-grid" aria-label="Allowed hours">
        <thead>
          <tr>
            <td />
            {HOURS.map((hour) => (
              <th key={hour} scope="col" abbr={hourName(hour)}>
                {hour % 3 === 0 ? hour : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day) => (
            <tr key={day}>
              <th scope="row">{dayName(day)}</th>
              {HOURS.map((hour) => {
                const allowed = (week[day]! & (1 << hour)) !== 0;
                return (
                  <td key={hour}>
                    <button
                      type="button"
                      className="hour-cell"
                      aria-pressed={allowed}
                      aria-label={`${dayName(day)} ${hourName(hour)}`}
                      onClick={() => toggle(day, hour)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
