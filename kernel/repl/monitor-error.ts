/**
 * A monitor command that cannot do what it was asked: a wrong address, an
 * unknown register or device, a missing machine. The message says what and
 * where; the REPL prints it on one line and leaves the machine as it was.
 */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
}
