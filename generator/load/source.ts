/**
 * Where references and schemas come from: a local mirror of a deployment root,
 * or a deployment's root URL. Paths are root-relative, as the manifest lists them
 * ("/references/manifest.json", "/schemas/queue/v1/task.json").
 */
export interface ReferenceSource {
  /** The file path or URL of a root-relative path, for messages. */
  locate(path: string): string;
  /** The text at a root-relative path; rejects with a GenerateError naming the location on failure. */
  readText(path: string): Promise<string>;
  /**
   * Every schema document the source holds, as root-relative paths ("/schemas/queue/v1/task.json"),
   * for discovering the schemas no reference names (worker payloads): a directory's files, a
   * deployment's references bundle (http-source.ts). A source that cannot list yields no worker payloads.
   */
  listSchemas?(): Promise<string[]>;
  /**
   * Where a path listSchemas gave was listed (the references bundle and the entry's JSON pointer,
   * with the text that named it), so that a listed schema that cannot be read is reported there.
   */
  listedAt?(path: string): { location: string; pointer: string; text: string } | undefined;
  /** Releases what the source holds open (an HTTP source's connections); absent when there is nothing to release. */
  close?(): Promise<void>;
}
