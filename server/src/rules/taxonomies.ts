/**
 * Standards each rule maps to, as data: used for SARIF taxonomies and reports.
 * Names as published by each body (OWASP GenAI Security Project, OWASP NHI project, CSA, NIST, MITRE).
 */
export interface Taxonomy {
  /** Key in RuleMeta.mappings. */
  key: 'owaspAgentic' | 'owaspNhi' | 'owaspLlm' | 'maestro' | 'nistAiRmf' | 'cwe';
  name: string;
  organization: string;
  version: string;
  informationUri: string;
  taxa: Record<string, string>;
}

export const TAXONOMIES: Taxonomy[] = [
  {
    key: 'owaspAgentic',
    name: 'OWASP Top 10 for Agentic Applications',
    organization: 'OWASP GenAI Security Project',
    version: '2026',
    informationUri: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
    taxa: {
      ASI01: 'Agent Goal Hijack',
      ASI02: 'Tool Misuse and Exploitation',
      ASI03: 'Identity and Privilege Abuse',
      ASI04: 'Agentic Supply Chain Vulnerabilities',
      ASI05: 'Unexpected Code Execution',
      ASI06: 'Memory and Context Poisoning',
      ASI07: 'Insecure Inter-Agent Communication',
      ASI08: 'Cascading Failures',
      ASI09: 'Human-Agent Trust Exploitation',
      ASI10: 'Rogue Agents',
    },
  },
  {
    key: 'owaspNhi',
    name: 'OWASP Non-Human Identities Top 10',
    organization: 'OWASP',
    version: '2025',
    informationUri: 'https://owasp.org/www-project-non-human-identities-top-10/',
    taxa: {
      NHI1: 'Improper Offboarding',
      NHI2: 'Secret Leakage',
      NHI3: 'Vulnerable Third-Party NHI',
      NHI4: 'Insecure Authentication',
      NHI5: 'Overprivileged NHI',
      NHI6: 'Insecure Cloud Deployment Configurations',
      NHI7: 'Long-Lived Secrets',
      NHI8: 'Environment Isolation',
      NHI9: 'NHI Reuse',
      NHI10: 'Human Use of NHI',
    },
  },
  {
    key: 'owaspLlm',
    name: 'OWASP Top 10 for LLM Applications',
    organization: 'OWASP GenAI Security Project',
    version: '2025',
    informationUri: 'https://genai.owasp.org/llm-top-10/',
    taxa: {
      LLM01: 'Prompt Injection',
      LLM02: 'Sensitive Information Disclosure',
      LLM03: 'Supply Chain',
      LLM04: 'Data and Model Poisoning',
      LLM05: 'Improper Output Handling',
      LLM06: 'Excessive Agency',
      LLM07: 'System Prompt Leakage',
      LLM08: 'Vector and Embedding Weaknesses',
      LLM09: 'Misinformation',
      LLM10: 'Unbounded Consumption',
    },
  },
  {
    key: 'maestro',
    name: 'CSA MAESTRO',
    organization: 'Cloud Security Alliance',
    version: '2025',
    informationUri: 'https://cloudsecurityalliance.org/blog/2025/02/06/agentic-ai-threat-modeling-framework-maestro',
    taxa: {
      L1: 'Foundation Models',
      L2: 'Data Operations',
      L3: 'Agent Frameworks',
      L4: 'Deployment and Infrastructure',
      L5: 'Evaluation and Observability',
      L6: 'Security and Compliance',
      L7: 'Agent Ecosystem',
    },
  },
  {
    key: 'nistAiRmf',
    name: 'NIST AI Risk Management Framework',
    organization: 'NIST',
    version: '1.0',
    informationUri: 'https://www.nist.gov/itl/ai-risk-management-framework',
    taxa: { GOVERN: 'Govern', MAP: 'Map', MEASURE: 'Measure', MANAGE: 'Manage' },
  },
  {
    key: 'cwe',
    name: 'CWE',
    organization: 'MITRE',
    version: '4.16',
    informationUri: 'https://cwe.mitre.org/',
    taxa: {
      'CWE-200': 'Exposure of Sensitive Information to an Unauthorized Actor',
      'CWE-250': 'Execution with Unnecessary Privileges',
      'CWE-269': 'Improper Privilege Management',
      'CWE-324': 'Use of a Key Past its Expiration Date',
      'CWE-345': 'Insufficient Verification of Data Authenticity',
      'CWE-778': 'Insufficient Logging',
      'CWE-798': 'Use of Hard-coded Credentials',
      'CWE-862': 'Missing Authorization',
      'CWE-1059': 'Insufficient Technical Documentation',
    },
  },
];
