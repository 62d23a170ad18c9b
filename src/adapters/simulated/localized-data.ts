import type { CaseField, DispositionNode } from '../../model/interaction.js';
import type { DirectoryTarget, StandardResponse } from '../directory-adapter.js';
import type { ScenarioName } from './scenarios.js';

/**
 * The contact center's own words in its other language: what an administrator writes (disposition
 * codes, standard responses, queue, routing-point and skill names, case-data labels, the
 * instructions for agents). The customers' own words (subjects, messages) and people's names stay
 * as they were typed. Data, not UI messages: the elements show it as the adapter gives it.
 */

/** The languages the simulator's data comes in. */
export type DataLocale = 'en' | 'es';

/** `es`, `es-MX`, `es_ES` give Spanish; anything else English. */
export function dataLocale(tag: string | undefined): DataLocale {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] === 'es' ? 'es' : 'en';
}

const DISPOSITIONS_ES: Readonly<Record<string, string>> = {
  'folder:resolved': 'Resuelto',
  'RES-INFO': 'Información facilitada',
  'RES-PAYMENT': 'Pago cobrado',
  'RES-APPOINTMENT': 'Cita concertada',
  'folder:follow-up': 'Requiere seguimiento',
  'FU-CALLBACK': 'Devolución de llamada solicitada',
  'FU-ESCALATED': 'Escalado a un supervisor',
  'folder:follow-up-documents': 'Documentos',
  'FU-DOCS-SENT': 'Documentos enviados por correo electrónico',
  'FU-DOCS-AWAITED': 'A la espera de documentos',
  'folder:not-reached': 'No localizado',
  'NR-NO-ANSWER': 'Sin respuesta',
  'NR-BUSY': 'Ocupado',
  'NR-VOICEMAIL': 'Mensaje en el buzón de voz',
  'NR-WRONG-NUMBER': 'Número equivocado',
  OTHER: 'Otro',
};

const TARGET_NAMES_ES: Readonly<Record<string, string>> = {
  'queue-billing': 'Facturación',
  'queue-technical': 'Soporte técnico',
  'queue-retention': 'Retención',
  'queue-soporte': 'Soporte en español',
  'rp-sales': 'RP 5000 Ventas',
  'rp-claims': 'RP 5100 Siniestros',
  'skill-mortgages': 'Hipotecas',
  'skill-french': 'Francófonos',
  'skill-premium': 'Cuentas premium',
};

type ResponseText = Omit<StandardResponse, 'id'>;

const RESPONSES_ES: Readonly<Record<string, ResponseText>> = {
  'resp-greeting': {
    title: 'Saludo de la devolución de llamada',
    category: 'Saludos',
    keywords: ['hola', 'devolución', 'llamada', 'saludo'],
    body: 'Hola, le llamamos de Northwind Bank para devolverle la llamada que solicitó. ¿Le sigue viniendo bien hablar ahora?',
  },
  'resp-identity': {
    title: 'Verificación de identidad',
    category: 'Seguridad',
    keywords: ['verificar', 'identidad', 'seguridad', 'fecha de nacimiento'],
    body: 'Antes de continuar, ¿podría confirmarme su fecha de nacimiento y la primera línea de su dirección?',
  },
  'resp-recording': {
    title: 'Aviso de grabación',
    category: 'Seguridad',
    keywords: ['grabación', 'rgpd', 'privacidad'],
    body: 'Esta llamada puede ser grabada con fines de formación y de control de calidad.',
  },
  'resp-payment-keypad': {
    title: 'Pago con tarjeta por teclado',
    category: 'Facturación',
    keywords: ['pago', 'tarjeta', 'teclado', 'dtmf', 'pci'],
    body: 'Introduzca ahora el número de su tarjeta en el teclado del teléfono. Yo no oiré los dígitos.',
  },
  'resp-late-fee': {
    title: 'Anulación del recargo por demora',
    category: 'Facturación',
    keywords: ['recargo', 'reembolso', 'anulación', 'factura'],
    body: 'Puedo anularle este recargo por demora una vez, como gesto de buena voluntad; lo verá en su próximo extracto.',
  },
  'resp-reschedule': {
    title: 'Ofrecer otra hora',
    category: 'Citas',
    keywords: ['reprogramar', 'más tarde', 'hora', 'cita'],
    body: 'Si ahora no le viene bien, puedo programar otra llamada a la hora que prefiera.',
  },
  'resp-voicemail': {
    title: 'Mensaje para el buzón de voz',
    category: 'Citas',
    keywords: ['buzón de voz', 'contestador', 'mensaje'],
    body: 'Hola, le llamamos de Northwind Bank para devolverle su llamada. Volveremos a intentarlo hoy más tarde.',
  },
  'resp-closing': {
    title: 'Despedida',
    category: 'Cierre',
    keywords: ['adiós', 'despedida', 'gracias'],
    body: 'Gracias por su tiempo. ¿Hay algo más en lo que pueda ayudarle?',
  },
  'resp-pasted-markup': {
    title: 'Disculpa <b>pegada</b> & "comillas"',
    category: 'Cierre',
    keywords: ['disculpa', 'perdón', 'pegado'],
    body: 'Sentimos la espera.\n<img src=x onerror="alert(1)"> <script>alert("response")</script>\n\n<a href="javascript:alert(1)">Valórenos</a> & {{survey_link}}',
  },
};

/** Case-data labels by key (the hostile scenario's markup label stays as it is). */
const CASE_LABELS_ES: Readonly<Record<string, string>> = {
  firstname: 'Nombre',
  lastname: 'Apellidos',
  account: 'Cuenta',
  ivr_path: 'Recorrido en el IVR',
  _CB_EWT_WHEN_CALLBACK_WAS_OFFERED: 'Espera al ofrecerla',
  language: 'Idioma',
  mortgage: 'Referencia de la hipoteca',
  policy: 'Póliza',
  channel: 'Solicitada desde',
  amount: 'Importe',
  merchant: 'Comercio',
  Subject: 'Asunto',
  AccountType: 'Tipo de cuenta',
  Message: 'Mensaje',
  PreferredTime: 'Hora preferida',
  Claim: 'Siniestro',
  fee: 'Recargo',
  complaint: 'Reclamación',
  link: 'Sitio web',
  rtl: 'Dirección del texto',
  multiline: 'Mensaje',
  long: 'Texto largo',
};

/** What the contact center wrote in a scenario (not what the customer typed). */
const SCENARIOS_ES: Partial<Record<ScenarioName, { instructions?: string; values?: Readonly<Record<string, string>> }>> = {
  immediate: {
    instructions: 'El cliente está de viaje: confirme el país antes de levantar el bloqueo.',
    values: { ivr_path: 'Tarjetas › Pérdida, robo o rechazo' },
  },
  delayed: { instructions: 'Prefiere español. Solicita una carencia en el pago de la hipoteca.' },
  scheduled: {
    instructions: 'Reservada desde la aplicación móvil. La renovación vence el día 30.',
    values: { channel: 'Aplicación móvil' },
  },
  preview: { instructions: 'Pago con tarjeta de 249,90 € en una tienda en línea, impugnado.' },
  'web-callback': { values: { AccountType: 'Empresa' } },
  'consultation-declined': {
    instructions: 'Las anulaciones de más de 100 $ necesitan un supervisor. Hoy los supervisores están reunidos.',
  },
  'no-reject': { instructions: 'Reclamación ante el regulador: debe atenderla el agente asignado.' },
};

export function localizedDispositions(tree: readonly DispositionNode[], locale: DataLocale): readonly DispositionNode[] {
  if (locale === 'en') return tree;
  const walk = (nodes: readonly DispositionNode[]): DispositionNode[] =>
    nodes.map((node) => ({
      ...node,
      label: DISPOSITIONS_ES[node.code] ?? node.label,
      ...(node.children ? { children: walk(node.children) } : {}),
    }));
  return walk(tree);
}

export function localizedTargets(targets: readonly DirectoryTarget[], locale: DataLocale): readonly DirectoryTarget[] {
  if (locale === 'en') return targets;
  return targets.map((t) => ({ ...t, name: TARGET_NAMES_ES[t.id] ?? t.name }));
}

export function localizedResponses(responses: readonly StandardResponse[], locale: DataLocale): readonly StandardResponse[] {
  if (locale === 'en') return responses;
  return responses.map((r) => ({ ...r, ...RESPONSES_ES[r.id] }));
}

/** A scenario's case data and instructions in `locale`. */
export function localizedScenarioText(
  name: ScenarioName,
  text: { caseData: readonly CaseField[]; instructions?: string | undefined },
  locale: DataLocale,
): { caseData: readonly CaseField[]; instructions?: string | undefined } {
  if (locale === 'en') return text;
  const own = SCENARIOS_ES[name];
  return {
    caseData: text.caseData.map((f) => ({ ...f, label: CASE_LABELS_ES[f.key] ?? f.label, value: own?.values?.[f.key] ?? f.value })),
    instructions: own?.instructions ?? text.instructions,
  };
}
