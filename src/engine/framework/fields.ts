import type { JsonValue } from '../model/scenario'
import type { ValidationDetail } from '../model/events/app'
import type { FieldMap, FieldType } from '../model/schema/app'

/** Input as the view receives it: JSON values from a body, strings from a query or form. */
export type Inputs = Readonly<Record<string, JsonValue | undefined>>

/** One entry of a FastAPI 422 `detail` list: pydantic v2's error, without its `url`. */
type PydanticError = ValidationDetail

/** The reason email-validator gives, or `null` for an address it accepts. */
const emailProblem = (text: string): string | null => {
  const at = text.indexOf('@')
  if (at < 0) return 'An email address must have an @-sign.'
  if (at === 0) return 'There must be something before the @-sign.'
  const domain = text.slice(at + 1)
  if (domain === '') return 'There must be something after the @-sign.'
  if (domain.includes('@') || /\s/.test(text))
    return 'The email address contains invalid characters before the @-sign: SPACE.'
  if (!domain.includes('.') || domain.endsWith('.'))
    return 'The part after the @-sign is not valid. It should have a period.'
  return null
}

const TRUE = ['1', 'on', 't', 'true', 'y', 'yes']
const FALSE = ['0', 'off', 'f', 'false', 'n', 'no']
const INT = /^[-+]?\d+(_\d+)*$/
const FLOAT = /^[-+]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$/i

type Problem = Omit<PydanticError, 'loc' | 'input'> | null

/** One value checked as pydantic v2 checks it in lax mode (the mode FastAPI uses). */
const pydanticCheck = (type: FieldType, value: JsonValue): Problem => {
  switch (type) {
    case 'str':
      return typeof value === 'string'
        ? null
        : { type: 'string_type', msg: 'Input should be a valid string' }
    case 'email': {
      if (typeof value !== 'string')
        return { type: 'string_type', msg: 'Input should be a valid string' }
      const reason = emailProblem(value)
      return reason
        ? {
            type: 'value_error',
            msg: `value is not a valid email address: ${reason}`,
            ctx: { reason },
          }
        : null
    }
    case 'int':
      if (typeof value === 'boolean') return null
      if (typeof value === 'number')
        return Number.isInteger(value)
          ? null
          : {
              type: 'int_from_float',
              msg: 'Input should be a valid integer, got a number with a fractional part',
            }
      if (typeof value === 'string')
        return INT.test(value.trim())
          ? null
          : {
              type: 'int_parsing',
              msg: 'Input should be a valid integer, unable to parse string as an integer',
            }
      return { type: 'int_type', msg: 'Input should be a valid integer' }
    case 'float':
      if (typeof value === 'number' || typeof value === 'boolean') return null
      if (typeof value === 'string')
        return FLOAT.test(value.trim())
          ? null
          : {
              type: 'float_parsing',
              msg: 'Input should be a valid number, unable to parse string as a number',
            }
      return { type: 'float_type', msg: 'Input should be a valid number' }
    case 'bool':
      if (typeof value === 'boolean') return null
      if (typeof value === 'number')
        return value === 0 || value === 1
          ? null
          : {
              type: 'bool_parsing',
              msg: 'Input should be a valid boolean, unable to interpret input',
            }
      if (typeof value === 'string')
        return [...TRUE, ...FALSE].includes(value.toLowerCase())
          ? null
          : {
              type: 'bool_parsing',
              msg: 'Input should be a valid boolean, unable to interpret input',
            }
      return { type: 'bool_type', msg: 'Input should be a valid boolean' }
  }
}

/**
 * Pydantic's errors for the declared `fields`, in declaration order, with `loc` starting at
 * `where` (`body`, `query` or `path`). A missing body field reports the whole body as `input`,
 * as pydantic does for a model; a missing query parameter reports `null`.
 */
export const pydanticErrors = (
  fields: FieldMap,
  data: Inputs,
  where: 'body' | 'query' | 'path',
  whole: JsonValue,
): PydanticError[] => {
  const errors: PydanticError[] = []
  for (const [name, field] of Object.entries(fields)) {
    const value = data[name]
    if (value === undefined) {
      if (field.required !== false)
        errors.push({
          type: 'missing',
          loc: [where, name],
          msg: 'Field required',
          input: where === 'body' ? whole : null,
        })
      continue
    }
    // An optional field (`x: int | None = None`) also accepts an explicit null.
    if (value === null && field.required === false) continue
    const problem = pydanticCheck(field.type, value)
    if (problem)
      errors.push({
        type: problem.type,
        loc: [where, name],
        msg: problem.msg,
        input: value,
        ...(problem.ctx ? { ctx: problem.ctx } : {}),
      })
  }
  return errors
}

/** Django form `errors`: field → messages, as `form.errors.get_json_data()` gives them, simplified. */
export const djangoFormErrors = (fields: FieldMap, data: Inputs): Record<string, string[]> => {
  const errors: Record<string, string[]> = {}
  for (const [name, field] of Object.entries(fields)) {
    const raw = data[name]
    const text = raw === undefined || raw === null ? '' : String(raw).trim()
    const falsy =
      field.type === 'bool' &&
      (raw === false || ['', '0', 'false', 'off'].includes(text.toLowerCase()))
    if (text === '' || falsy) {
      if (field.required !== false) errors[name] = ['This field is required.']
      continue
    }
    if (field.type === 'int' && !/^[-+]?\d+$/.test(text)) errors[name] = ['Enter a whole number.']
    if (field.type === 'float' && !FLOAT.test(text)) errors[name] = ['Enter a number.']
    if (field.type === 'email' && emailProblem(text))
      errors[name] = ['Enter a valid email address.']
  }
  return errors
}

/** marshmallow `ValidationError.messages`, the usual way a Flask view checks a JSON body. */
export const marshmallowErrors = (fields: FieldMap, data: Inputs): Record<string, string[]> => {
  const errors: Record<string, string[]> = {}
  for (const [name, field] of Object.entries(fields)) {
    const value = data[name]
    if (value === undefined) {
      if (field.required !== false) errors[name] = ['Missing data for required field.']
      continue
    }
    if (value === null) {
      if (field.required !== false) errors[name] = ['Field may not be null.']
      continue
    }
    const message = marshmallowCheck(field.type, value)
    if (message) errors[name] = [message]
  }
  return errors
}

const marshmallowCheck = (type: FieldType, value: JsonValue): string | null => {
  switch (type) {
    case 'str':
      return typeof value === 'string' ? null : 'Not a valid string.'
    case 'email':
      return typeof value === 'string' && !emailProblem(value) ? null : 'Not a valid email address.'
    case 'int':
      return (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim()))
        ? null
        : 'Not a valid integer.'
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && FLOAT.test(value.trim()))
        ? null
        : 'Not a valid number.'
    case 'bool':
      return typeof value === 'boolean' ||
        value === 0 ||
        value === 1 ||
        (typeof value === 'string' && [...TRUE, ...FALSE].includes(value.toLowerCase()))
        ? null
        : 'Not a valid boolean.'
  }
}

/** A query string or form body as a field → value map; a repeated key keeps its last value. */
export const parseUrlEncoded = (text: string): Record<string, string> => {
  const out: Record<string, string> = {}
  if (!text) return out
  for (const [key, value] of new URLSearchParams(text)) out[key] = value
  return out
}

/** A value pydantic accepted, converted to the declared type as the view receives it. */
const coerce = (type: FieldType, value: JsonValue): JsonValue => {
  if (typeof value !== 'string' && typeof value !== 'boolean') return value
  switch (type) {
    case 'int':
    case 'float':
      return typeof value === 'boolean' ? Number(value) : Number(value.trim().replace(/_/g, ''))
    case 'bool':
      return typeof value === 'boolean' ? value : TRUE.includes(value.toLowerCase())
    case 'str':
    case 'email':
      return value
  }
}

/** `data` with each declared field converted to its type; undeclared fields pass through. */
export const coerceFields = (
  fields: FieldMap,
  data: Readonly<Record<string, JsonValue>>,
): Record<string, JsonValue> => {
  const out: Record<string, JsonValue> = { ...data }
  for (const [name, field] of Object.entries(fields)) {
    const value = data[name]
    if (value !== undefined && value !== null) out[name] = coerce(field.type, value)
  }
  return out
}
