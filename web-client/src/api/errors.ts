/** A refused input of a mutation payload (the schema's UserError). */
export interface UserError {
  field: string[];
  code: string;
  message: string;
}
