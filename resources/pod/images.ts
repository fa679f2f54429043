// repository:tag, or repository@digest when a digest pins the image.
import { ifElse, tpl, type Expr } from "../../compiler/index.ts";

interface ImageValues {
  readonly repository: Expr<string>;
  readonly tag: Expr<string>;
  readonly digest: Expr<string>;
}

export function imageReference(image: ImageValues): Expr<string> {
  return ifElse(image.digest, tpl`${image.repository}@${image.digest}`, tpl`${image.repository}:${image.tag}`);
}
