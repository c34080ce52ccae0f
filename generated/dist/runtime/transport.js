/** A failure without a usable response: connection error or timeout. */
export class TransportFailure extends Error {
  timedOut;
  transportCode;
  constructor(timedOut, transportCode, options) {
    super('transport failure', options);
    this.timedOut = timedOut;
    this.transportCode = transportCode;
  }
}
