/**
 * speedscope's file format as a JSON Schema (draft 2020-12), written from its TypeScript
 * declaration (src/lib/file-format-spec.ts in github.com/jlfwong/speedscope; the published
 * schema is https://www.speedscope.app/file-format-schema.json): the required fields and their
 * types, the two profile kinds, the units.
 */
const UNITS = ['none', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes'];

const common = {
  name: { type: 'string' },
  unit: { enum: UNITS },
  startValue: { type: 'number' },
  endValue: { type: 'number' },
};

export const SPEEDSCOPE_FILE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['$schema', 'shared', 'profiles'],
  properties: {
    $schema: { const: 'https://www.speedscope.app/file-format-schema.json' },
    name: { type: 'string' },
    exporter: { type: 'string' },
    activeProfileIndex: { type: 'integer', minimum: 0 },
    shared: {
      type: 'object',
      required: ['frames'],
      properties: {
        frames: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              file: { type: 'string' },
              line: { type: 'number' },
              col: { type: 'number' },
            },
          },
        },
      },
    },
    profiles: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            required: ['type', 'name', 'unit', 'startValue', 'endValue', 'events'],
            properties: {
              type: { const: 'evented' },
              ...common,
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['type', 'at', 'frame'],
                  properties: {
                    type: { enum: ['O', 'C'] },
                    at: { type: 'number' },
                    frame: { type: 'integer', minimum: 0 },
                  },
                },
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'name', 'unit', 'startValue', 'endValue', 'samples', 'weights'],
            properties: {
              type: { const: 'sampled' },
              ...common,
              samples: {
                type: 'array',
                items: { type: 'array', items: { type: 'integer', minimum: 0 } },
              },
              weights: { type: 'array', items: { type: 'number' } },
            },
          },
        ],
      },
    },
  },
} as const;
