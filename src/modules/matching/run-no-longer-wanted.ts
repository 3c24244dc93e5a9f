/** The round has been cancelled (or finished elsewhere): stop without writing. */
export class RunNoLongerWanted extends Error {}
