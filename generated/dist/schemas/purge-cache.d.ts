export declare const entries: {
  readonly [name: string]: {
    readonly input?: string;
    readonly output?: string;
  };
};
export declare const documents: {
  readonly [path: string]: unknown;
};
